"""The Lab screen: free experiments with optimisers, learning rates and schedules."""
