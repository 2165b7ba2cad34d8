"""What the archive publishes beyond its pages' Markdown: related briefings and charts."""
