// Analysis module — see ARCHITECTURE.md.
