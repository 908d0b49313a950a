from .pages import HomePage, StandardPage
from .site_settings import CertificateSettings, FooterSettings, NavigationSettings

__all__ = ["CertificateSettings", "FooterSettings", "HomePage", "NavigationSettings", "StandardPage"]
