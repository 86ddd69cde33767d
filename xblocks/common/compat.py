"""Everything that only exists inside edx-platform, reached defensively.

The workbench and content libraries have no grades app and no completion service; publishing there
would fail or mislead, so grade and completion events go out only in a course context.
"""

from __future__ import annotations


def in_course_context(block) -> bool:
    """True when the block is part of a course run (not a library, not a bare workbench)."""
    try:
        context_key = block.scope_ids.usage_id.context_key
    except AttributeError:
        return False
    return bool(getattr(context_key, "is_course", False))


def user_is_staff(block) -> bool:
    """Whether the current user is course staff, as edx-platform's user service reports it."""
    service = block.runtime.service(block, "user")
    if service is None:
        return False
    user = service.get_current_user()
    return bool(user and user.opt_attrs.get("edx-platform.user_is_staff", False))


def anonymous_user_id(block) -> str | None:
    service = block.runtime.service(block, "user")
    if service is None:
        return None
    user = service.get_current_user()
    return getattr(user, "opt_attrs", {}).get("edx-platform.anonymous_user_id") if user else None
