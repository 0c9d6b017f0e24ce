"""Loading and validating content packs."""
