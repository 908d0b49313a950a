from .taxonomy import Industry, RiskArea

__all__ = ["Industry", "RiskArea"]
