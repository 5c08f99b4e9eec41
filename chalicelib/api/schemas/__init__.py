"""Request models (shape validation at the edge) and response serialisers, one
module per context; ``common`` holds the strict base model, bounded field types,
money and timestamps. Import from the context module."""
