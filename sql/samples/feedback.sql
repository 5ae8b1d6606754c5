-- Sample feedback table for `--sift.feedback.source=postgres --sift.feedback.table=feedback`.
-- Not a migration: load it with `load-samples feedback` or `psql -f sql/samples/feedback.sql`. Running it again starts
-- afresh. sentiment_label and urgency_label stay empty until jobs/classify-feedback-postgres.yml writes them back.
DROP TABLE IF EXISTS feedback;

CREATE TABLE feedback (
    id              bigint PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    channel         text,
    product         text,
    text            text,
    sentiment_label text,
    urgency_label   text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

INSERT INTO feedback (id, received_at, channel, product, text) VALUES
(1001, '2026-10-01 07:12+00', 'app_store', 'Hearth app',
 'Love the app, ordering takes two minutes. Skipping a week still takes three menus though.'),
(1002, '2026-10-02 00:42+00', 'email', 'Classic Box',
 'I was charged twice this week, $69.99 on Oct 2 and again on Oct 3, for ONE box. Please refund the second charge, that money was for rent.'),
(1003, '2026-10-02 18:12+00', 'survey', 'Veggie Box', 'ok'),
(1004, '2026-10-03 11:42+00', 'chat', 'Family Box',
 'The kids actually ate the lentil bolognese. That has never happened before. Thank you!! 🙌'),
(1005, '2026-10-04 05:12+00', 'email', 'Veggie Box',
 'URGENT: the "peanut-free" Thai noodle kit contained a sachet labelled "satay sauce". My son has a peanut allergy. Who checks these labels?'),
(1006, '2026-10-04 22:42+00', 'social', 'Quick 15',
 '"Quick 15", they said. 55 minutes and a sink full of pans later, dinner is served. Great job 👏'),
(1007, '2026-10-05 12:41+00', 'app_store', 'Hearth app',
 'Crashes every time I open a recipe card on my Android tablet. Reinstalled twice, same thing.'),
(1008, '2026-10-06 06:11+00', 'survey', 'Classic Box',
 E'What went well:\n- salmon was really fresh\n- portions were generous\n\nWhat did not:\n- the courier left the box in the rain'),
(1009, '2026-10-06 19:30+00', 'phone', 'Family Box',
 'Box arrived two days late and the ice packs had melted. The chicken was warm, I threw it away.'),
(1010, '2026-10-07 08:05+00', 'chat', 'Classic Box',
 'Support sorted out my missing delivery within ten minutes and sent a voucher. Very friendly, thanks Priya!'),
(1011, '2026-10-07 21:48+00', 'email', 'Veggie Box', '   '),
(1012, '2026-10-08 09:15+00', 'email', 'Classic Box',
 'Die Lieferung kam pünktlich, aber die Tomaten waren matschig und der Salat welk. Bitte besser kühlen.'),
(1013, '2026-10-08 16:02+00', 'survey', 'Quick 15',
 'Prices went up by 15% this month and the portions got smaller. Thinking about cancelling.'),
(1014, '2026-10-09 07:40+00', 'app_store', 'Hearth app',
 'Please add a way to mark recipes as favourites so I can order them again 🙏'),
(1015, '2026-10-09 13:27+00', 'social', 'Veggie Box',
 'Cardboard, plastic trays, ice packs, more plastic. Could the packaging be any less sustainable? 😤'),
(1016, '2026-10-10 10:10+00', 'phone', 'Family Box',
 'I cancelled last month and you still took a payment today. I want it back and I want the account closed.'),
(1017, '2026-10-11 18:55+00', 'chat', 'Classic Box',
 'Login code never arrives by SMS, so I cannot change my delivery address before the cut-off.'),
(1018, '2026-10-12 12:00+00', 'survey', 'Veggie Box',
 'Good value for money. The mushroom risotto was the best thing I cooked all year.'),
(1019, '2026-10-13 06:33+00', 'email', 'Quick 15',
 E'Two things:\n1. The recipe says 2 onions, the box had 1.\n2. The "15 minute" curry took 40.\nStill tasty though.'),
(1020, '2026-10-14 20:20+00', 'social', 'Family Box',
 'Courier threw the box over the gate 📦💥 eggs broken, everything covered in yolk.');
