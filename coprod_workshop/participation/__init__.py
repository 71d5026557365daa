"""How the room takes part beyond the facilitator's keyboard, shared by every step that
takes part (the ladder, the self-assessment, Sue and Mick, the actions, feedback, who
took part): the Qt side of it.

- ``phone``: the phone service (``PhoneVoting``), the join panel and the console's
  phone controls, and ``phone_step_views`` for a step phones take part in;
- ``inbox`` (votes) and ``phonenotes`` (notes, actions, dots, feedback, roles): what
  arrives from phones, filed in the session a few milliseconds' worth per turn of the
  event loop;
- ``inboxview`` and ``dotsview``: the console's inbox and dot round; ``joinstrip``: how
  to join, on the projector;
- ``turns`` and ``roundcontrols``: a vote taken one person at a time on the shared
  screen, and its console controls; ``screendots``: dots placed the same way.

The rules (rounds, limits, the server) are pure Python in ``coprod_workshop.voting``.
"""
