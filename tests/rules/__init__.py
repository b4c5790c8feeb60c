"""Tests of the rule catalogue: one module per rule, named after the rule's module."""
