"""Renderers: a Report in, a string out. They lay figures out; they never compute them."""
