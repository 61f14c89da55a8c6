// Searching module — see ARCHITECTURE.md.
