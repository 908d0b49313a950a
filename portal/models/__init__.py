from .accounts import Enterprise, EnterpriseSize, Invitation, Membership, Profile
from .pages import HomePage, StandardPage
from .site_settings import FooterSettings, NavigationSettings

__all__ = [
    "Enterprise",
    "EnterpriseSize",
    "FooterSettings",
    "HomePage",
    "Invitation",
    "Membership",
    "NavigationSettings",
    "Profile",
    "StandardPage",
]
