"""The ribbon button 汇总党支部台账: its add-in file dangjian.ribbon_summary.xlam runs this module's main().

xlwings's VBA (unchanged) runs `import <add-in file stem>; <stem>.main()`; see addin.Button.
"""


def main() -> None:
    import macros

    macros.summary()
