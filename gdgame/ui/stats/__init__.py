"""The Stats screen: study and Hike progress plots."""
