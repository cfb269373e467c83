"""Pre-download every data set of the course: ``p2p-download`` or ``python -m p2p.download``.

Run it once before a workshop (or while building a Binder image), with a network.
Afterwards the notebooks load the data from the Keras cache and need no network.
"""

from __future__ import annotations

import argparse
import sys

from . import quiet_tensorflow
from .errors import CourseDataError


def main(argv: list[str] | None = None) -> int:
    """Download CIFAR-10 and Fashion-MNIST into the Keras cache. Returns an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "datasets",
        nargs="*",
        default=["cifar10", "fashion_mnist"],
        help="which data sets (default: cifar10 fashion_mnist)",
    )
    args = parser.parse_args(argv)
    quiet_tensorflow()
    from .data import download_cifar10, network_available, read_cifar10_cache
    from .paths import keras_cache_dir

    if not network_available():
        print(
            "No network: the data sets cannot be downloaded now. Connect and run "
            "`p2p-download` again. (The notebooks still run with the offline data set.)"
        )
        return 1
    status = 0
    for name in args.datasets:
        try:
            if name == "cifar10":
                if read_cifar10_cache() is None:
                    download_cifar10()
                read_cifar10_cache()
            elif name == "fashion_mnist":
                import keras

                keras.datasets.fashion_mnist.load_data()
            else:
                print(f"Unknown data set {name!r}: choose cifar10 or fashion_mnist.")
                status = 2
                continue
            print(f"{name}: ready in {keras_cache_dir()}")
        except CourseDataError as problem:
            print(f"{name}: {problem}")
            status = 1
        except Exception as error:  # keras raises a bare Exception for network failures
            print(f"{name}: the download failed ({error}). Try again with a steadier network.")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
