#!/usr/bin/env python3
"""Writes an SFDX project for the `datatests` benchmark: @isTest classes with
METHODS test methods in all (default 200: 10 classes of 20). Each class's
@TestSetup inserts 50 records (40 Accounts, 10 Contacts); each test method
runs two queries on them and asserts on the results.

usage: gen_data_tests.py OUT_DIR [--methods N]
"""
import argparse

from gen_tests import start_project, write_class

PER_CLASS = 20

SETUP = """
    @TestSetup
    static void makeData() {
        List<Account> accounts = new List<Account>();
        for (Integer i = 0; i < 40; i++) {
            accounts.add(new Account(Name = 'Account ' + i, NumberOfEmployees = i));
        }
        insert accounts;
        List<Contact> contacts = new List<Contact>();
        for (Integer i = 0; i < 10; i++) {
            contacts.add(new Contact(LastName = 'Contact ' + i, AccountId = accounts[i].Id));
        }
        insert contacts;
    }
"""

METHOD = """
    @isTest
    static void queriesData{n}() {{
        List<Account> big = [SELECT Id, Name FROM Account WHERE NumberOfEmployees >= :{m} ORDER BY Name];
        Assert.areEqual({count}, big.size());
        Contact c = [SELECT LastName, Account.Name FROM Contact WHERE Account.NumberOfEmployees = :{k}];
        Assert.areEqual('Account {k}', c.Account.Name);
    }}
"""

def method(n):
    m = n % 40
    return METHOD.format(n=n, m=m, count=40 - m, k=n % 10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--methods", type=int, default=200, help="test methods in all (default 200)")
    args = parser.parse_args()

    classes = start_project(args.out_dir)
    for c, start in enumerate(range(0, args.methods, PER_CLASS)):
        methods = "".join(method(n) for n in range(start + 1, min(start + PER_CLASS, args.methods) + 1))
        name = "DataTest{:02d}".format(c)
        write_class(classes, name, "@isTest\nprivate class {} {{{}{}}}\n".format(name, SETUP, methods))


if __name__ == "__main__":
    main()
