from .pages import HomePage, StandardPage
from .site_settings import FooterSettings, NavigationSettings

__all__ = ["FooterSettings", "HomePage", "NavigationSettings", "StandardPage"]
