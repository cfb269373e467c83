"""Test-suite settings shared by the unit tests and the notebook runs (nbval).

The notebooks run in the ``smoke`` profile: tiny subsets and one short epoch.
Kernels started by nbval inherit these environment variables.
"""

import os

os.environ.setdefault("COURSE_PROFILE", "smoke")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
