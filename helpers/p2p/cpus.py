"""How many CPUs this notebook may use, and TensorFlow's thread pools sized to them.

A Binder or JupyterHub container usually has a CPU *quota* (for example 1 CPU) while it
still sees every core of its host. TensorFlow sizes its thread pools by the cores it sees,
so in such a container it starts many threads that then wait for their turn. ``import
p2p`` calls :func:`size_thread_pools` before TensorFlow is imported: with a quota, the
pools get as many threads as the quota allows; without one, nothing changes.
:func:`has_fast_bfloat16` says whether this CPU computes in bfloat16 natively (notebook 08).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")
"""TensorFlow reads the first two when it creates its thread pools; OpenMP (NumPy's BLAS,
and TensorFlow builds with oneDNN's OpenMP) the third."""


def _v1_quota(path: Path) -> float | None:
    try:
        quota = int((path / "cpu.cfs_quota_us").read_text())
        period = int((path / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


def _v2_quota(path: Path) -> float | None:
    try:
        quota, period = (path / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        return None
    return int(quota) / int(period) if quota != "max" and int(period) > 0 else None


def cpu_quota(cgroup_file: Path = Path("/proc/self/cgroup"), root: Path = CGROUP_ROOT):
    """The CPU quota of this process's control group (and of its parents), in CPUs, or
    None without one. Reads cgroup v1 (``cpu.cfs_quota_us``) and v2 (``cpu.max``)."""
    try:
        lines = cgroup_file.read_text().splitlines()
    except OSError:
        return None
    quotas = []
    for line in lines:
        _, controllers, group = line.split(":", 2)
        if controllers == "":  # v2: one unified hierarchy
            mount, read = (
                root if (root / "cgroup.controllers").exists() else root / "unified",
                _v2_quota,
            )
        elif "cpu" in controllers.split(","):
            mount, read = root / controllers, _v1_quota
            if not mount.exists():
                mount = root / "cpu"
        else:
            continue
        folder = mount / group.lstrip("/")
        for level in (folder, *folder.parents):  # a parent's quota limits its children too
            if level == mount.parent:
                break
            quota = read(level)
            if quota is not None:
                quotas.append(quota)
    return min(quotas) if quotas else None


def usable_cpus(quota: float | None = None) -> int:
    """The CPUs this process can use: the cores it may run on, capped by its quota (read
    from the control group unless given)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota() if quota is None else quota
    return max(1, min(cores, math.ceil(quota))) if quota else cores


def size_thread_pools() -> int | None:
    """With a CPU quota, give TensorFlow's thread pools that many threads; returns the
    number, or None when there is no quota (or the learner set the variables already)."""
    if os.environ.get("COURSE_THREADS") == "default":  # to measure without the sizing
        return None
    if all(name in os.environ for name in THREAD_VARIABLES):
        return None
    quota = cpu_quota()
    if quota is None:
        return None
    threads = usable_cpus(quota)
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))
    return threads


BFLOAT16_FLAGS = ("amx_bf16", "avx512_bf16")
"""The /proc/cpuinfo flags of x86 CPUs with bfloat16 instructions: Intel's AMX (Xeon since
Sapphire Rapids) and AVX-512 BF16 (Xeon since Cooper Lake, AMD since Zen 4)."""


def has_fast_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether training in bfloat16 pays here: a CPU with bfloat16 instructions
    (:data:`BFLOAT16_FLAGS`) and no GPU. Elsewhere bfloat16 is converted to and from
    float32 at every step, which is slower than float32 alone."""
    try:
        flags = {
            flag
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("flags")
            for flag in line.partition(":")[2].split()
        }
    except OSError:  # not Linux: no way to tell, so no
        return False
    if not flags.intersection(BFLOAT16_FLAGS):
        return False
    import tensorflow as tf

    return not tf.config.list_physical_devices("GPU")
