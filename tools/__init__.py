"""Developer tools: scripts that build the data the package ships, never imported by the dashboard."""
