"""Unit tests of p2p.cpus: a container's CPU quota, read from made-up control groups."""

from __future__ import annotations

from pathlib import Path

from p2p import cpus


def v1_tree(root: Path, group: str, quotas: dict[str, int]) -> Path:
    """A cgroup v1 ``cpu`` hierarchy; ``quotas`` maps a folder below it to its quota (µs)."""
    for folder, quota in {"": -1, **quotas}.items():
        path = root / "cpu" / folder
        path.mkdir(parents=True, exist_ok=True)
        (path / "cpu.cfs_quota_us").write_text(f"{quota}\n")
        (path / "cpu.cfs_period_us").write_text("100000\n")
    cgroup = root / "self-cgroup"
    cgroup.write_text(f"4:memory:/{group}\n2:cpuacct:/\n1:cpu:/{group}\n0::/\n")
    return cgroup


def test_a_v1_quota_of_one_cpu(tmp_path):
    cgroup = v1_tree(tmp_path, "binder", {"binder": 100000})
    assert cpus.cpu_quota(cgroup, tmp_path) == 1.0


def test_a_parent_group_limits_its_children(tmp_path):
    cgroup = v1_tree(tmp_path, "hub/ada", {"hub": 150000, "hub/ada": 400000})
    assert cpus.cpu_quota(cgroup, tmp_path) == 1.5


def test_no_quota_is_none(tmp_path):
    cgroup = v1_tree(tmp_path, "free", {"free": -1})
    assert cpus.cpu_quota(cgroup, tmp_path) is None
    assert cpus.cpu_quota(tmp_path / "no-such-file", tmp_path) is None


def test_a_v2_quota(tmp_path):
    (tmp_path / "cgroup.controllers").write_text("cpu memory\n")
    group = tmp_path / "user.slice" / "jupyter"
    group.mkdir(parents=True)
    (tmp_path / "user.slice" / "cpu.max").write_text("max 100000\n")
    (group / "cpu.max").write_text("50000 100000\n")
    cgroup = tmp_path / "self-cgroup"
    cgroup.write_text("0::/user.slice/jupyter\n")
    assert cpus.cpu_quota(cgroup, tmp_path) == 0.5


def test_thread_pools_follow_the_quota(monkeypatch):
    for name in cpus.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cpus, "cpu_quota", lambda *a: 1.0)
    assert cpus.size_thread_pools() == 1
    assert all(cpus.os.environ[name] == "1" for name in cpus.THREAD_VARIABLES)


def test_no_quota_or_a_learners_own_setting_is_left_alone(monkeypatch):
    for name in cpus.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cpus, "cpu_quota", lambda *a: None)
    assert cpus.size_thread_pools() is None
    assert not any(name in cpus.os.environ for name in cpus.THREAD_VARIABLES)
    monkeypatch.setattr(cpus, "cpu_quota", lambda *a: 1.0)
    for name in cpus.THREAD_VARIABLES:
        monkeypatch.setenv(name, "4")
    assert cpus.size_thread_pools() is None  # all three set by the learner
    monkeypatch.delenv("OMP_NUM_THREADS")
    cpus.size_thread_pools()
    assert cpus.os.environ["TF_NUM_INTRAOP_THREADS"] == "4"
    assert cpus.os.environ["OMP_NUM_THREADS"] == "1"  # only the one not set
    monkeypatch.delenv("OMP_NUM_THREADS")
    monkeypatch.setenv("COURSE_THREADS", "default")
    assert cpus.size_thread_pools() is None and "OMP_NUM_THREADS" not in cpus.os.environ


def test_fast_bfloat16_needs_the_cpu_flags(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse avx512f avx512_vnni\n")
    assert cpus.has_fast_bfloat16(cpuinfo) is False
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse avx512f amx_tile amx_bf16\n")
    import tensorflow as tf

    assert cpus.has_fast_bfloat16(cpuinfo) == (not tf.config.list_physical_devices("GPU"))
    assert cpus.has_fast_bfloat16(tmp_path / "no-such-file") is False
