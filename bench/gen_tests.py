#!/usr/bin/env python3
"""Writes an SFDX project for the `test` benchmark: a service class that makes
a callout and parses its JSON response, an HttpCalloutMock, and @isTest
classes with METHODS test methods in all (default 200: 10 classes of 20).
Each test method sets the mock, calls the service and asserts on the result.

usage: gen_tests.py OUT_DIR [--methods N]
"""
import argparse
import os

PER_CLASS = 20

SERVICE = """public with sharing class ItemService {
    public class ServiceException extends Exception {}

    public class Item {
        public Integer id;
        public String name;
        public Decimal price;
    }

    public static Item fetch(Integer n) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://bench.example.com/items/' + n);
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new ServiceException('status ' + res.getStatusCode());
        }
        return (Item) JSON.deserialize(res.getBody(), Item.class);
    }
}
"""

# Answers /items/N with item N, priced at N * 1.5.
MOCK = """@isTest
public class ItemMock implements HttpCalloutMock {
    public HttpResponse respond(HttpRequest req) {
        Integer n = Integer.valueOf(req.getEndpoint().substringAfterLast('/'));
        HttpResponse res = new HttpResponse();
        res.setStatusCode(200);
        res.setHeader('Content-Type', 'application/json');
        res.setBody(JSON.serialize(new Map<String, Object>{
            'id' => n, 'name' => 'Item ' + n, 'price' => n * 1.5
        }));
        return res;
    }
}
"""

METHOD = """
    @isTest
    static void fetchesItem{n}() {{
        Test.setMock(HttpCalloutMock.class, new ItemMock());
        ItemService.Item item = ItemService.fetch({n});
        Assert.areEqual({n}, item.id);
        Assert.areEqual('Item {n}', item.name);
        Assert.areEqual({n} * 1.5, item.price);
    }}
"""

META = """<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <status>Active</status>
</ApexClass>
"""


def write_class(folder, name, text):
    with open(os.path.join(folder, name + ".cls"), "w") as f:
        f.write(text)
    with open(os.path.join(folder, name + ".cls-meta.xml"), "w") as f:
        f.write(META)


def start_project(out_dir):
    """Writes sfdx-project.json into OUT_DIR; returns its classes folder."""
    classes = os.path.join(out_dir, "force-app", "main", "default", "classes")
    os.makedirs(classes, exist_ok=True)
    with open(os.path.join(out_dir, "sfdx-project.json"), "w") as f:
        f.write('{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}\n')
    return classes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--methods", type=int, default=200, help="test methods in all (default 200)")
    args = parser.parse_args()

    classes = start_project(args.out_dir)
    write_class(classes, "ItemService", SERVICE)
    write_class(classes, "ItemMock", MOCK)
    # Test classes of PER_CLASS methods each; the last one takes the remainder.
    for c, start in enumerate(range(0, args.methods, PER_CLASS)):
        methods = "".join(METHOD.format(n=n) for n in range(start + 1, min(start + PER_CLASS, args.methods) + 1))
        name = "ItemServiceTest{:02d}".format(c)
        write_class(classes, name, "@isTest\nprivate class {} {{{}}}\n".format(name, methods))


if __name__ == "__main__":
    main()
