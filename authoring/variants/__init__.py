"""Country variants: an overlay that replaces, adds or removes content by id and sets the facts of
a jurisdiction (statutes, penalties, authorities) that texts use as ``{{ jurisdiction.… }}``."""
