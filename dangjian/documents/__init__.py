"""Writing: the words of every document and the writers of the .docx and .xlsx files."""
