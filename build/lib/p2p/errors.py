"""Errors the course expects and explains in plain words.

A :class:`CourseError` is a foreseeable problem (no network, a corrupt download, a
stray file in an image folder). In a notebook, :func:`p2p.setup` makes IPython show
only its message, not a wall of traceback.
"""

from __future__ import annotations


class CourseError(Exception):
    """A foreseeable problem, with a message that says what happened and what to do."""


class CourseDataError(CourseError):
    """The data could not be read: a corrupt archive, a non-image file, a missing folder."""


def _show_course_error(shell, etype, evalue, tb, tb_offset=None):
    """IPython handler: print a course error as one short message."""
    print(f"\N{WARNING SIGN} {evalue}")
    return None


def install_notebook_handler() -> bool:
    """Make IPython print :class:`CourseError` messages without a traceback.

    Returns True when running inside IPython, False otherwise.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plumbing: plain Python, nothing to install
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((CourseError,), _show_course_error)
    return True
