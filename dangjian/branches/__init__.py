"""The 党委's view: a folder of branch workbooks, each checked and summed up; the 汇总 workbook and the 党委 report."""
