Feature: Invitations and the languages they are published in
  The invitation explains what good population relations mean, reaches the target groups and
  the region's ETNO, and is published in the languages the organiser and the region require.

  @R12
  Rule: The invitation explains what good population relations mean

    Background:
      Given a training day in Tampere, Pirkanmaa, organised by a city

    @kept
    Scenario: The invitation explains good population relations through the four dimensions
      Given the planning has reached the "Invitation and registration" stage with everything in order
      Then "Explain in the invitation what good population relations mean" is in order
      And "Name the four dimensions in the definition" is in order
      And the stage can be left

    @broken
    Scenario: The definition is dropped from the invitation
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When the definition of good population relations is dropped from the invitation
      Then the stage cannot be left until "Explain in the invitation what good population relations mean" is in order
      And "Explain in the invitation what good population relations mean" cannot be waived

    @broken
    Scenario: The definition leaves out the four dimensions
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When the definition does not name the four dimensions
      Then "Name the four dimensions in the definition" is shown as advice
      And the stage can still be left

  @R16
  Rule: The pre-material links to the competence centre's webinar on the topic

    Background:
      Given a training day in Tampere, Pirkanmaa, organised by a city

    @kept
    Scenario: The webinar link is in the pre-material
      Given the planning has reached the "Invitation and registration" stage with everything in order
      Then "webinar link" is in order

    @broken
    Scenario: The webinar link is left out
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When "webinar link" is left undone
      Then "webinar link" is shown as advice
      And the stage can still be left

  @R17
  Rule: The regional ETNO of the event's region is invited

    @kept
    Scenario: The ETNO of Pirkanmaa and Central Finland is invited
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      Then "Invite the regional ETNO" is in order

    @kept
    Scenario: Åland has no regional ETNO to invite
      Given a training day in Mariehamn, Åland, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      Then "Invite the regional ETNO" does not apply to this event

    @broken
    Scenario: The regional ETNO is left off the invitation list
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the regional ETNO is not invited
      Then "Invite the regional ETNO" is shown as advice
      And the stage can still be left

  @R19
  Rule: A bilingual authority publishes the invitation in Finnish and Swedish; for others it is advice

    @kept
    Scenario: A bilingual authority invites in Finnish and Swedish
      Given a training day in Vaasa, Pohjanmaa, organised by a bilingual authority
      And the planning has reached the "Invitation and registration" stage with everything in order
      Then "Bilingual authority: publish the invitation in Finnish and Swedish" is in order
      And the stage can be left

    @kept
    Scenario: A city with one official language also invites in Swedish
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published in Finnish and Swedish
      Then "Other organisers: consider inviting in both Finnish and Swedish" is in order
      And "Bilingual authority: publish the invitation" does not apply to this event

    @broken
    Scenario: A bilingual authority invites only in Finnish
      Given a training day in Vaasa, Pohjanmaa, organised by a bilingual authority
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published only in Finnish
      Then the stage cannot be left until "Bilingual authority: publish the invitation in Finnish and Swedish" is in order

    @broken
    Scenario: An association invites only in Finnish
      Given a training day in Tampere, Pirkanmaa, organised by an association
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published only in Finnish
      Then "Other organisers: consider inviting in both Finnish and Swedish" is shown as advice
      And the stage can still be left

  @R20
  Rule: An event in the Sámi homeland is announced in Sámi as well

    @kept
    Scenario: An event in Inari is announced in North Sámi too
      Given a training day in Inari, Lappi, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published in North Sámi as well
      Then "announce the event in Sámi as well" is in order

    @kept
    Scenario: An event in Tampere is outside the Sámi homeland
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      Then "announce the event in Sámi as well" does not apply to this event

    @broken
    Scenario: An event in Inari is announced only in Finnish
      Given a training day in Inari, Lappi, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published only in Finnish
      Then "announce the event in Sámi as well" is shown as advice
      And the stage can still be left

  @R21
  Rule: An event on Åland is held and announced in Swedish

    @kept
    Scenario: An event on Åland is announced in Swedish
      Given a training day in Mariehamn, Åland, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published in Finnish and Swedish
      Then "On Åland: hold the event and write the invitation in Swedish" is in order

    @broken
    Scenario: An event on Åland is announced only in Finnish
      Given a training day in Mariehamn, Åland, organised by a city
      And the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation is published only in Finnish
      Then "On Åland: hold the event and write the invitation in Swedish" is shown as advice
      And the stage can still be left

  @R22
  Rule: Participation in other languages is offered where the audience needs it

    Background:
      Given a training day in Tampere, Pirkanmaa, organised by a city

    @kept
    Scenario: Interpretation is offered
      Given the planning has reached the "Invitation and registration" stage with everything in order
      Then "Offer interpretation or a plain-language summary" is in order

    @broken
    Scenario: Neither interpretation nor a plain-language summary is offered
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When "Offer interpretation or a plain-language summary" is left undone
      Then "Offer interpretation or a plain-language summary" is shown as advice
      And the stage can still be left
