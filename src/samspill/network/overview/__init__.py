"""The ecosystem at a glance: figures about the listed organisations (`selectors`), drawn as SVG bar
charts (`charts`) with their tables and CSV files (`views`, `urls`)."""
