"""Python tooling of the cx_metrics dbt project: data generator, loader,
validation and a small command-line interface."""

__version__ = "0.1.0"
