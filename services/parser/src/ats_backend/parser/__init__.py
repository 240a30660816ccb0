"""Parser service: resume bytes to JSON Resume profiles (parse workers and sync Parse)."""
