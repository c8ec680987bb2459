<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AuditWindow</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user, name or changed value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an entry to see all its changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest {limit} entries are shown; narrow the search to see older ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries: {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersWindow</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, phone, code or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 0912 345 678 or 04 2345 6789</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;tact person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ter&amp;ms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager may set a credit limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document lan&amp;guage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not&amp;es:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new customer (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter or Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers found: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first {n} matches; type more to narrow the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the code blank to get the next free one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive: not offered in searches or orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {code} {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate {code} {name}? An inactive customer is not offered in searches or orders; you can activate them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Roundsman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator who sets up the company, or try Roundsman with a demo company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gas distributor in Taichung with {n} customers, its products and four users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name {user}, password {password}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill with &amp;demo data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first row of the file names the columns (.xlsx: the first sheet; .csv: UTF-8 or Big5).
Required columns: {required}
Optional columns: {optional}
A row whose {key} already exists updates that record; the others are added. Nothing is imported while any row is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows are ready: {new} new, {update} to update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows with problems: {n}. Correct the file and choose it again; nothing is imported until every row is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {created} new, {updated} updated, {unchanged} unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Roundsman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back office for gas delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Roundsman — {company}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;customers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;products…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles: {roles}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password for {user}. This also unlocks the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductsWindow</name>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SKU: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chinese name: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Price: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price e&amp;ffective from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tax rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate} (company rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave blank to use the company&apos;s tax rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deposit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active: can be ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price &amp;history (the current price in bold):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new product (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter or Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager can change products and prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>company rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {sku}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tax ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business ta&amp;x rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can change the company settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save company settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database of this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded database on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central PostgreSQL server (several workstations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new database connection takes effect when Roundsman is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can change the database connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of this workstation changes at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company settings are saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company settings were changed elsewhere. Load them again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the company logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the server, the database and the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to {database}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be kept in the system keyring, so nothing was saved: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Start Roundsman again to use this database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersWindow</name>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active (may log in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newer version is loaded; what you typed is kept. Save again to apply it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked until {time} after {n} failed log-ins. Reset the password to unlock the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User {user} created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed this user while you were editing. Load the newer version? What you typed is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of {user} was reset.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roundsman could not open the database {database}. Check the connection in the settings file, or start with --db.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>The demo needs at least one customer and a history of zero or more days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database already has customers; the demo fills only an empty one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record was changed elsewhere. Reload it to see the newer version; your input is kept so you can enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed log-ins. This account is locked for {minutes} more minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be used by this version of Roundsman.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} amounts have at most {decimals} decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was made by a newer version of Roundsman (schema {revision}). Install the newer version to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central database has an older schema ({revision}). Ask the administrator to run “roundsman-admin db upgrade” before starting Roundsman.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs the {role} role, which {user} does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{phone}” is not a valid phone number (e.g. 0912 345 678 or 04 2345 6789).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is longer than 120 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code has up to 30 letters, digits, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This field holds at most {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A coordinate must be a number from {lo} to {hi}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment terms are a number of days from 0 to 365.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document language is zh_TW or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code is required in an import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code “{code}” belongs to another customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager may set a credit limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor Big5 text; save it as CSV UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roundsman imports .xlsx and .csv files, not “{suffix}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column “{column}” is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown column “{column}”. Known columns: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has more than {n} rows; split it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{key}” appears again; it was already on line {line}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no data rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new product needs a price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has {n} bad rows; correct them and import again. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cylinder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bottle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>carton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>litre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>piece</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A SKU has 1 to 40 letters, digits, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Chinese product name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown unit “{unit}”. Units are: {units}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SKU “{sku}” belongs to another product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tax rate is a percentage from 0 to 99.99, e.g. 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the supported currencies: {currencies}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logo must be a PNG or JPEG picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logo file is larger than 1 MB; use a smaller picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role “{role}”. Roles are: {roles}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the user at least one role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name has 2 to 60 letters, digits, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name “{name}” is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot remove your own administrator role or deactivate yourself; ask another administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Cannot do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roundsman hit an unexpected error. Nothing you typed was cleared. The details below can be copied for support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>formkit</name>
    <message>
        <source>The two passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>Changed elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
