trigger LeadClone on Lead (before insert) {
    if (Trigger.new[0].LastName == 'Clone') insert new Lead(LastName = 'Clone', Company = 'Acme');
}
