-- One database per node, as each node would have its own server in production.
create database mmhub_ministry;
create database mmhub_riyadh;
create database mmhub_jeddah;
