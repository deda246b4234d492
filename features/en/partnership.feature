Feature: Partnership and the joint agreement
  The training is planned together with at least one partner organisation, and the
  organisations agree in writing on the six things the guide names before anything is sent out.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R1
  Rule: At least one partner organisation other than the organiser co-plans the training

    @kept
    Scenario: A second partner organisation joins the planning
      Given the planning has reached the "Partner agreement" stage with everything in order
      When a second partner organisation joins
      Then "At least one partner organisation co-plans" is in order
      And the stage can be left

    @broken
    Scenario: The partner organisation withdraws from the planning
      Given the planning has reached the "Partner agreement" stage with everything in order
      When the partner organisation withdraws
      Then the stage cannot be left until "At least one partner organisation co-plans" is in order
      And "At least one partner organisation co-plans" cannot be waived

    @broken
    Scenario: The organiser names itself as its own partner
      Given the planning has reached the "Partner agreement" stage with everything in order
      When the only partner named is the organiser itself
      Then the stage cannot be left until "At least one partner organisation co-plans" is in order

  @R2
  Rule: The agreement records date, venue, cost sharing, programme, who sends the invitations and who receives the registrations

    @kept
    Scenario: All six things are agreed and the agreement is approved in writing
      Given the planning has reached the "Partner agreement" stage with everything in order
      Then "who receives registrations" is in order
      And "agreement approved in writing" is in order
      And the stage can be left

    @broken
    Scenario: Nobody has agreed who receives the registrations
      Given the planning has reached the "Partner agreement" stage with everything in order
      When the agreement does not say who receives the registrations
      Then the stage cannot be left until "who receives registrations" is in order
      And "who receives registrations" cannot be waived

    @broken
    Scenario: The agreement has not been approved in writing
      Given the planning has reached the "Partner agreement" stage with everything in order
      When "agreement approved in writing" is left undone
      Then the stage cannot be left until "agreement approved in writing" is in order
