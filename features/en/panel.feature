Feature: Panel questions in advance
  The questions or themes of the discussion are given to the panelists in advance, at least a
  week before the event.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R14
  Rule: The panel questions or themes are sent to the panelists in advance

    @kept
    Scenario: The questions are sent two weeks before the event
      Given the planning has reached the "Panel questions" stage with everything in order
      Then "Send the questions or themes to the panelists" is in order
      And "panel questions or themes together with the moderator" is in order
      And the stage can be left

    @kept
    Scenario: The questions are sent ten days before the event
      Given the planning has reached the "Panel questions" stage with everything in order
      When the questions are sent to the panelists only 10 days before the event
      Then "Send the questions or themes to the panelists" is in order

    @broken
    Scenario: The questions are never sent
      Given the planning has reached the "Panel questions" stage with everything in order
      When the questions are never sent to the panelists
      Then the stage cannot be left until "Send the questions or themes to the panelists" is in order
      And "Send the questions or themes to the panelists" cannot be waived

    @broken
    Scenario: The questions reach the panelists only three days before
      Given the planning has reached the "Panel questions" stage with everything in order
      When the questions are sent to the panelists only 3 days before the event
      Then the stage cannot be left until "Send the questions or themes to the panelists" is in order

    @broken
    Scenario: The questions are not drafted with the moderator
      Given the planning has reached the "Panel questions" stage with everything in order
      When "panel questions or themes together with the moderator" is left undone
      Then the stage cannot be left until "panel questions or themes together with the moderator" is in order

  @R18
  Rule: The panel themes cover the four dimensions of population relations

    @kept
    Scenario: The panel themes cover all four dimensions
      Given the planning has reached the "Panel questions" stage with everything in order
      Then "Cover the four dimensions in the panel themes" is in order

    @broken
    Scenario: No panel question deals with interaction
      Given the planning has reached the "Panel questions" stage with everything in order
      When no panel question deals with interaction
      Then "Cover the four dimensions in the panel themes" is shown as advice
      And the stage can still be left
