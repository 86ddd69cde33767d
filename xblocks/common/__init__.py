"""Helpers shared by both XBlocks: sanitising, i18n, platform compatibility, problems."""
