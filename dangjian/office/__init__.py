"""The office around the tool: the Excel add-in, LibreOffice, and the installation doctor."""
