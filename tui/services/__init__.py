"""What the app and the shell both ask of a book; one module per service."""
