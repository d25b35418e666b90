from django import template

from ..two_factor import services

register = template.Library()


@register.inclusion_tag("accounts/two_factor/profile_section.html")
def second_factor_section(user) -> dict:
    """The profile's part about the second factor: on or off, codes left, what may be done."""
    enrolled = services.is_enrolled(user)
    return {
        "enrolled": enrolled,
        "codes_left": services.recovery_codes_left(user) if enrolled else 0,
        "required": services.requires_second_factor(user),
    }
