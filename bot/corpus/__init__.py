"""The corpus: article files, regions, and turning published text into sentences and facts."""
