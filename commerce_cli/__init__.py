"""`commerce`: the admin command line. It talks to any stage of the API over HTTP
with a staff API key; nothing here is bundled into the Lambda."""
