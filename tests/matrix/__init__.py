"""The permission matrix's shared scenario (tests/test_permission_matrix*.py)."""
