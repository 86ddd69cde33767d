"""Builds pause Python's cyclic collector and always give it back as they found it."""

import gc

import pytest

from benchbook.authoring.pipeline import cyclic_gc_paused


def test_the_collector_is_off_during_a_build_and_on_again_after_even_when_it_fails():
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():  # nested (build → compile_course): still off until the outer ends
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off():
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
