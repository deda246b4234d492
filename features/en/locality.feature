Feature: As local as possible
  A training day is as local as possible: it covers one region (maakunta) at most, or a
  smaller area inside it.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R13
  Rule: The event covers at most one region

    @kept
    Scenario: The event stays within Pirkanmaa
      Given the planning has reached the "Partner agreement" stage with everything in order
      Then "Limit the event to one region" is in order
      And "Limit the event to one region" must be met before the stage can be left
      And the stage can be left

    @broken
    Scenario: The event is stretched over two regions
      Given the planning has reached the "Partner agreement" stage with everything in order
      When a planner tries to extend the event to cover Kanta-Häme as well
      Then the change is refused because the event covers at most one region
      And "Limit the event to one region" cannot be waived
