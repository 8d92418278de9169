"""The ribbon button 党员统计: its add-in file dangjian.ribbon_stats.xlam runs this module's main().

xlwings's VBA (unchanged) runs `import <add-in file stem>; <stem>.main()`; see addin.Button.
"""


def main() -> None:
    import macros

    macros.stats()
