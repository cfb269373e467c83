"""Test-suite settings shared by the unit tests and the notebook runs (nbval).

The notebooks run in the ``smoke`` profile: tiny subsets and one short epoch.
Kernels started by nbval inherit this environment variable. (TensorFlow's log level is
set by ``import p2p``, the first line of every notebook.)
"""

import os

os.environ.setdefault("COURSE_PROFILE", "smoke")
