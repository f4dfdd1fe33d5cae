class RrflowWarning(UserWarning):
    """Something worth knowing happened, but the call went on (e.g. a store picked implicitly)."""
