#!/usr/bin/env python3
"""Writes an SFDX project of N generated Apex classes (default 1,000) for the
`project` benchmark: each class has fields, a property, an inner class, a
static initializer and methods, and calls the next class, so a script that
uses Class0000 loads a chain of CHAIN classes and leaves the rest untouched.

usage: gen_project.py DIR [N] [CHAIN]
"""
import os
import sys

CLASS = """public with sharing class Class{i:04d} {{
    public static final Integer ID = {i};
    private static Integer calls;
    static {{
        calls = 0;
    }}

    public class Item {{
        public String label {{ get; private set; }}
        public Item(String label) {{ this.label = label; }}
    }}

    private List<Item> items = new List<Item>();
    public Integer size {{ get {{ return items.size(); }} }}

    public Class{i:04d} add(String label) {{
        items.add(new Item(label + ID));
        return this;
    }}

    public static Integer chain(Integer depth) {{
        calls++;
        if (depth <= 0) {{
            return ID;
        }}
        {next}
    }}

    public String describe() {{
        String text = 'Class{i:04d}';
        for (Item item : items) {{
            text += ' ' + item.label;
        }}
        return text;
    }}
}}
"""

META = """<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <status>Active</status>
</ApexClass>
"""


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    chain = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    classes = os.path.join(root, "force-app", "main", "default", "classes")
    os.makedirs(classes, exist_ok=True)
    with open(os.path.join(root, "sfdx-project.json"), "w") as f:
        f.write('{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}\n')
    for i in range(count):
        if i + 1 < min(count, chain):
            nxt = "return Class{:04d}.chain(depth - 1) + ID;".format(i + 1)
        else:
            nxt = "return ID;"
        with open(os.path.join(classes, "Class{:04d}.cls".format(i)), "w") as f:
            f.write(CLASS.format(i=i, next=nxt))
        with open(os.path.join(classes, "Class{:04d}.cls-meta.xml".format(i)), "w") as f:
            f.write(META)
    with open(os.path.join(root, "uses-chain.apex"), "w") as f:
        f.write("System.debug(Class0000.chain({}) + ' ' + new Class0000().add('x').describe());\n".format(chain))


if __name__ == "__main__":
    main()
