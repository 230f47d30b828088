CREATE CONSTRAINT payment_account_key_unique IF NOT EXISTS FOR (n:PaymentAccount) REQUIRE n.key IS UNIQUE
