"""The Quiz screen (five modes over the glossary) and its pages."""
