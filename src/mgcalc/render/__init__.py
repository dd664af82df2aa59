"""Renderers: plain documents for JSON and CSV, rich tables for people."""
