"""Exchange with the world outside the workspace: bundles, merge and its clocks, imports and exports."""
