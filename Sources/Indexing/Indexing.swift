// Indexing module — see ARCHITECTURE.md.
